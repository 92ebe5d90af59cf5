// Offline schema check of Kubernetes manifests: every document of every file given (multi-document YAML, e.g. the
// output of `kubectl kustomize deploy/k8s`) is checked against the Kubernetes API's JSON schema for its apiVersion
// and kind (types, required fields, formats, enums), as kubernetes-models compiles them. Prints one line per
// document and exits 1 when any is invalid or of an unknown kind. No cluster needed.
//   node deploy/k8s/validate/validate.mjs FILE...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const path = group ? `${group}/${version}` : version;
  try {
    const module = await import(`kubernetes-models/${path}/${kind}`);
    return module[kind];
  } catch {
    return null;
  }
}

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      console.log(`FAIL ${file}: YAML ${document.errors[0].message}`);
      failures++;
      continue;
    }
    const manifest = document.toJS();
    if (manifest === null) continue;
    const name = `${file}: ${manifest.kind ?? "?"}/${manifest.metadata?.name ?? "?"}`;
    checked++;
    const Model = manifest.apiVersion && manifest.kind ? await modelFor(manifest.apiVersion, manifest.kind) : null;
    if (!Model) {
      console.log(`FAIL ${name}: no schema for apiVersion '${manifest.apiVersion}' kind '${manifest.kind}'`);
      failures++;
      continue;
    }
    try {
      new Model(manifest).validate();
      console.log(`ok   ${name}`);
    } catch (error) {
      console.log(`FAIL ${name}: ${error.message}`);
      failures++;
    }
  }
}
console.log(`${checked} manifests checked, ${failures} invalid`);
process.exit(failures > 0 || checked === 0 ? 1 : 0);
