/**
 * The body schema of each endpoint in `endpoints.ts`, kept apart so the table stays free of zod
 * (the browser imports the table; only the console server, the sandbox and tests import this).
 * The `satisfies` ties every schema to the body type the table declares.
 */
import type { z } from 'zod';
import { classifyBody, createCharacterBody, regenerateRefBody, resynthesizeBody, updateCharacterBody, uploadInitBody } from './aurous';
import type { EndpointBody, EndpointName } from './endpoints';
import { createWebhookEndpointBody, webhookTestBody } from './webhooks';

export const ENDPOINT_BODIES = {
  getBalance: null,
  initUpload: uploadInitBody,
  classifyUpload: classifyBody,
  createCharacter: createCharacterBody,
  listCharacters: null,
  getCharacter: null,
  updateCharacter: updateCharacterBody,
  deleteCharacter: null,
  saveCharacter: null,
  regenerateRef: regenerateRefBody,
  resynthesize: resynthesizeBody,
  createWebhookEndpoint: createWebhookEndpointBody,
  getWebhookEndpoint: null,
  deleteWebhookEndpoint: null,
  rotateWebhookSecret: null,
  testWebhookEndpoint: webhookTestBody,
} as const satisfies { [Name in EndpointName]: EndpointBody<Name> extends null ? null : z.ZodType<EndpointBody<Name>> };
