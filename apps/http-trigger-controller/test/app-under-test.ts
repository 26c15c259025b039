/** This app as its integration specs run it: bound to its rbac/rules.yaml, and as its shipped bundle. */
import { join } from 'node:path';
import { controllerApp } from '@kubeless-ts/controller-testing';

export const httpTriggerControllerApp = controllerApp({
  name: 'http-trigger-controller',
  root: join(import.meta.dirname, '..'),
});
