// Package build appends one layer holding a prepared function directory to a
// runtime image and pushes the result, by manifest: nothing is run, so the
// build needs no privilege (docs/adr/0015-function-image-builder.md).
package build

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
)

// Options of one build.
type Options struct {
	// Base is the runtime image, as the cluster names it (e.g. kubeless-ts/runtime-nodejs:22).
	Base string
	// Dir holds the prepared function: code, installed dependencies, compiled output.
	Dir string
	// Target is where Dir appears in the image (the runtime's install volume, /kubeless).
	Target string
	// Image is the reference to push, <registry>/<function>:<content hash>.
	Image string
	// Insecure allows plain HTTP and certificates that do not verify, for pulls and the push.
	Insecure bool
	// Mirrors maps a registry (docker.io) to the host:port that serves its images here.
	Mirrors map[string]string
	// Keychain resolves credentials; authn.DefaultKeychain reads $DOCKER_CONFIG/config.json.
	Keychain authn.Keychain
	Log      io.Writer
}

// Result says what was pushed, or that the tag already existed.
type Result struct {
	Reference string
	Digest    string
	Existed   bool
}

func (o Options) nameOptions() []name.Option {
	if o.Insecure {
		return []name.Option{name.Insecure}
	}
	return nil
}

func (o Options) remoteOptions(ctx context.Context) []remote.Option {
	options := []remote.Option{remote.WithContext(ctx), remote.WithAuthFromKeychain(o.Keychain)}
	if o.Insecure {
		t := remote.DefaultTransport.(*http.Transport).Clone()
		t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // asked for by function-registry-tls-verify: "false"
		options = append(options, remote.WithTransport(t))
	}
	return options
}

// baseReference applies a mirror: the nodes may pull docker.io names from
// elsewhere (containerd's registry hosts), and so must the builder.
func (o Options) baseReference() (name.Reference, error) {
	ref, err := name.ParseReference(o.Base, o.nameOptions()...)
	if err != nil {
		return nil, err
	}
	registry := ref.Context().RegistryStr()
	mirror, ok := o.Mirrors[registry]
	if !ok && registry == name.DefaultRegistry {
		mirror, ok = o.Mirrors["docker.io"]
	}
	if !ok {
		return ref, nil
	}
	return name.ParseReference(strings.TrimSuffix(mirror, "/")+"/"+ref.Context().RepositoryStr()+refSuffix(ref), o.nameOptions()...)
}

func refSuffix(ref name.Reference) string {
	if digest, ok := ref.(name.Digest); ok {
		return "@" + digest.DigestStr()
	}
	return ":" + ref.Identifier()
}

func (o Options) logf(format string, args ...any) {
	if o.Log != nil {
		_, _ = fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

// Run builds and pushes; an image already under the tag is the same content
// (the tag is its hash), so it is not built again.
func Run(ctx context.Context, o Options) (Result, error) {
	if o.Base == "" || o.Dir == "" || o.Image == "" || o.Target == "" {
		return Result{}, &Error{Code: CodeUsage, Message: "--base, --dir, --target and --image are required"}
	}
	if o.Keychain == nil {
		o.Keychain = authn.DefaultKeychain
	}
	target, err := name.ParseReference(o.Image, o.nameOptions()...)
	if err != nil {
		return Result{}, &Error{Code: CodeUsage, Message: fmt.Sprintf("%q is not an image reference", o.Image), Err: err}
	}
	options := o.remoteOptions(ctx)
	if existing, err := remote.Head(target, options...); err == nil {
		o.logf("%s already exists (%s): same content, nothing to build", target, existing.Digest)
		return Result{Reference: target.String(), Digest: existing.Digest.String(), Existed: true}, nil
	} else if !isNotFound(err) {
		return Result{}, registryError("checking", target.String(), err)
	}
	base, err := o.baseReference()
	if err != nil {
		return Result{}, &Error{Code: CodeUsage, Message: fmt.Sprintf("%q is not an image reference", o.Base), Err: err}
	}
	o.logf("pulling the manifest of %s", base)
	image, err := remote.Image(base, options...)
	if err != nil {
		return Result{}, registryError("pulling", base.String(), err)
	}
	layer, cleanup, err := directoryLayer(o.Dir, o.Target)
	defer cleanup()
	if err != nil {
		return Result{}, err
	}
	built, err := mutate.Append(image, mutate.Addendum{Layer: layer, History: historyEntry(o.Target)})
	if err != nil {
		return Result{}, &Error{Code: CodeRegistry, Message: "cannot append the layer", Err: err}
	}
	o.logf("pushing %s", target)
	if err := remote.Write(target, built, options...); err != nil {
		return Result{}, registryError("pushing", target.String(), err)
	}
	digest, err := built.Digest()
	if err != nil {
		return Result{}, &Error{Code: CodeRegistry, Message: "cannot compute the digest", Err: err}
	}
	o.logf("pushed %s@%s", target, digest)
	return Result{Reference: target.String(), Digest: digest.String()}, nil
}

func isNotFound(err error) bool {
	var terr *transport.Error
	return errors.As(err, &terr) && terr.StatusCode == http.StatusNotFound
}
