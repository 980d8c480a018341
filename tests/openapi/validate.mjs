// Validates an OpenAPI document against the OpenAPI schema and resolves every $ref.
import SwaggerParser from "@apidevtools/swagger-parser";

const file = process.argv[2];
try {
  const api = await SwaggerParser.validate(file);
  // Every operation says who may call it (tests/http/authorization_http_test.cpp checks that the
  // server answers as it says; docs/testing.md says what each value means).
  const access = new Set(["public", "published", "token", "webhook", "user", "player", "player-or-staff",
    "player-or-desk", "booking-desk", "facility-view", "facility-desk", "facility-manager", "org-admin",
    "platform-admin"]);
  const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
  const undeclared = [];
  for (const [path, item] of Object.entries(api.paths))
    for (const method of methods.filter((m) => item[m]))
      if (!access.has(item[method]["x-slotbase-access"]))
        undeclared.push(`${method.toUpperCase()} ${path}: x-slotbase-access ${JSON.stringify(item[method]["x-slotbase-access"])}`);
  if (undeclared.length)
    throw new Error(`operations without a known x-slotbase-access (one of ${[...access].join(", ")}):\n  ${undeclared.join("\n  ")}`);
  const operations = Object.values(api.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  console.log(`openapi: ${file} is valid OpenAPI ${api.openapi} (${Object.keys(api.paths).length} paths, ${operations} operations)`);
} catch (err) {
  console.error(`openapi: ${file} is not valid: ${err.message}`);
  process.exit(1);
}
