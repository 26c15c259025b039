/*
 * The pod sandbox ("pause") process: holds the pod's namespaces open, reaps
 * the zombies it inherits as PID 1, and exits on SIGTERM or SIGINT.
 * Built with `gcc -static`, so the image holds this one file and nothing else.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t stop_signal = 0;

static void on_stop(int sig) { stop_signal = sig; }

/* SIGCHLD must have a handler (not SIG_IGN) so sigsuspend() wakes up to reap. */
static void on_child(int sig) { (void)sig; }

int main(int argc, char **argv) {
  if (argc > 1 && (strcmp(argv[1], "-v") == 0 || strcmp(argv[1], "--version") == 0)) {
    printf("kubeless-ts pause " PAUSE_VERSION "\n");
    return 0;
  }
  if (getpid() != 1) fprintf(stderr, "pause: warning: not running as PID 1\n");
  struct sigaction stop = {0};
  stop.sa_handler = on_stop;
  sigemptyset(&stop.sa_mask);
  if (sigaction(SIGTERM, &stop, NULL) < 0 || sigaction(SIGINT, &stop, NULL) < 0) return 1;
  struct sigaction child = {0};
  child.sa_handler = on_child;
  child.sa_flags = SA_NOCLDSTOP;
  sigemptyset(&child.sa_mask);
  if (sigaction(SIGCHLD, &child, NULL) < 0) return 2;
  /* Signals stay blocked except inside sigsuspend, so none is lost between the check and the wait. */
  sigset_t blocked, waiting;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGTERM);
  sigaddset(&blocked, SIGINT);
  sigaddset(&blocked, SIGCHLD);
  if (sigprocmask(SIG_BLOCK, &blocked, &waiting) < 0) return 3;
  while (stop_signal == 0) {
    sigsuspend(&waiting);
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
  }
  fprintf(stderr, "pause: shutting down, got signal %d\n", (int)stop_signal);
  return 0;
}
