/** This controller's shipped bundle, built once per test run, run as real processes by the shared support. */
import { controllerProcesses, type ControllerProcess } from '@kubeless-ts/controller-testing';
import { bundleController } from '../tools/bundle.mjs';

export type { ControllerProcess };
export const { bundledMain, startControllerProcess } = controllerProcesses(
  'cronjob-trigger-controller',
  bundleController,
);
