// Process entry point: the kit's trigger-controller main, reaching the cluster through libs/k8s.
import { triggerControllerMain } from '@kubeless-ts/controller-kit';
import { createKubeClients, readKubelessConfig } from '@kubeless-ts/k8s';
import { cronJobTriggerController } from './cronjob-trigger-controller.js';

triggerControllerMain(cronJobTriggerController, { createKubeClients, readKubelessConfig });
