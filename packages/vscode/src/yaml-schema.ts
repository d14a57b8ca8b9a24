/**
 * The jixiao/1 JSON Schema for YAML files that say `format: jixiao/1`, through the Red Hat YAML
 * extension's schema contributor API (when that extension is installed; nothing happens otherwise).
 * Files named `*.jixiao.yaml` get the schema statically (`contributes.yamlValidation`).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import * as vscode from 'vscode';
import { declaresJixiao1, SCHEMA_CONTRIBUTOR, SCHEMA_URI } from './detect';

/** The part of redhat.vscode-yaml's exported API used here (src/schema-extension-api.ts there). */
interface YamlExtensionApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => Promise<string> | string,
    label?: string,
  ): boolean;
}

export const YAML_EXTENSION_ID = 'redhat.vscode-yaml';
/** A file not open in the editor is sniffed from its first bytes only. */
const SNIFF_BYTES = 64 * 1024;

function head(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const n = readSync(fd, buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isJixiaoYaml(resource: string): boolean {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(resource);
  } catch {
    return false;
  }
  const key = uri.toString();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  const text = open ? open.getText() : uri.scheme === 'file' ? head(uri.fsPath) : undefined;
  return text !== undefined && declaresJixiao1(text);
}

/** Registers the contributor; resolves to whether it was registered. Never throws. */
export async function registerYamlSchema(schemaFile: string, log: (line: string) => void): Promise<boolean> {
  const extension = vscode.extensions.getExtension<YamlExtensionApi | undefined>(YAML_EXTENSION_ID);
  if (!extension) return false;
  try {
    const api = await extension.activate();
    if (!api || typeof api.registerContributor !== 'function') {
      log(`${YAML_EXTENSION_ID} has no registerContributor API; jixiao/1 schema only for *.jixiao.yaml files`);
      return false;
    }
    let schemaText: string | undefined;
    const registered = api.registerContributor(
      SCHEMA_CONTRIBUTOR,
      (resource) => (isJixiaoYaml(resource) ? SCHEMA_URI : undefined),
      () => (schemaText ??= readFileSync(schemaFile, 'utf8')),
      'jixiao/1',
    );
    log(registered ? `jixiao/1 schema registered with ${YAML_EXTENSION_ID}` : `jixiao/1 schema contributor already registered with ${YAML_EXTENSION_ID}`);
    return registered;
  } catch (err) {
    log(`could not register the jixiao/1 schema with ${YAML_EXTENSION_ID}: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}
