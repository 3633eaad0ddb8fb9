import SwaggerParser from '@apidevtools/swagger-parser';
import { CAPABILITIES } from '../extension/capabilities.js';
import { DECISION_HOOKS, HOOK_NAMES } from '../extension/decision-hooks.js';
import { EXTENSION_PATHS } from '../extension/paths.js';
import { buildExtensionOpenApi } from './extension-openapi.js';

describe('extension OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const document = buildExtensionOpenApi();
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('is checked for real: a broken reference is refused', async () => {
    const broken = structuredClone(buildExtensionOpenApi());
    (broken.components['schemas'] as Record<string, unknown>)['EndSessionRequest'] = {
      $ref: '#/components/schemas/Missing',
    };
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
  });

  it('describes both directions: every host extension path, every hook, install and the ingress', () => {
    const { paths } = buildExtensionOpenApi();
    for (const path of Object.values(EXTENSION_PATHS.host)) expect(paths).toHaveProperty([path]);
    for (const name of HOOK_NAMES) {
      const operation = paths[DECISION_HOOKS[name].path]?.['post'] as Record<string, unknown>;
      expect(operation['x-time-budget-ms']).toBe(DECISION_HOOKS[name].budgetMs);
    }
    expect(paths).toHaveProperty([EXTENSION_PATHS.switchboard.install]);
    expect(paths).toHaveProperty([EXTENSION_PATHS.switchboard.uninstall]);
    expect(paths).toHaveProperty([EXTENSION_PATHS.switchboard.webhooks]);
  });

  it('lists every event as an OpenAPI webhook and the capabilities in its description', () => {
    const document = buildExtensionOpenApi();
    expect(Object.keys(document.webhooks)).toEqual(
      expect.arrayContaining(['SessionCreated', 'GuestDisconnected']),
    );
    expect(String(document.info['description'])).toContain(CAPABILITIES.join(', '));
  });
});
