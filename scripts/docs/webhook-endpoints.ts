import { VENDOR_REGISTRY } from '../../src/vendors/registry.ts';
import { WEBHOOK_PATH_PREFIX } from '../../src/webhooks/endpoint.ts';

/** docs/webhooks.md's table of the vendors that push events, from their descriptors. */
export function webhookEndpoints(): string {
  const rows = VENDOR_REGISTRY.descriptors.flatMap(({ displayName, webhook }) =>
    webhook
      ? [
          `| ${displayName} | \`POST ${WEBHOOK_PATH_PREFIX}${webhook.path}\` | ${webhook.variables.map((name) => `\`${name}\``).join(', ')} | ${webhook.maxBodyBytes / 1024} KiB | <${webhook.documentation}> |`,
        ]
      : [],
  );
  return [
    '| vendor | endpoint | variables (the first turns it on) | largest body | vendor documentation |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
