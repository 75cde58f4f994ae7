#!/usr/bin/env python3
# Regenerates docs/diagnostics.md from the EDGEnnnn constants (and their XML summaries) in the code.
import re,glob,os
codes={}
for f in glob.glob('tasks/**/*.cs',recursive=True):
    if '/obj/' in f or '/bin/' in f: continue
    s=open(f).read()
    for m in re.finditer(r'((?:[ \t]*///[^\n]*\n)+)\s*(?:public|internal|private)\s+const\s+string\s+(\w+)\s*=\s*"(EDGE\d{4})"',s):
        doc=' '.join(re.sub(r'^\s*///\s?','',l).strip() for l in m.group(1).strip().split('\n'))
        doc=re.sub(r'</?summary>','',doc).strip()
        doc=re.sub(r'<see cref="([^"]+)"\s*/>',r'`\1`',doc)
        doc=re.sub(r'<c>(.*?)</c>',r'`\1`',doc)
        codes.setdefault(m.group(3),(m.group(2),doc,f))
used=set()
for f in glob.glob('tasks/**/*.cs',recursive=True)+glob.glob('sdk/**/*.targets',recursive=True)+glob.glob('sdk/**/*.csproj',recursive=True)+glob.glob('eng/*.sh'):
    if '/obj/' in f or '/bin/' in f: continue
    used|=set(re.findall(r'EDGE\d{4}',open(f).read()))
extra={'EDGE0001':('EdgeModelWithoutRecipe','An `EdgeModel` item has no `Recipe` metadata. Add `Recipe="path/to/recipe.yaml"` to the item.','sdk/EdgeSdk/build/EdgeSdk.targets'),
'EDGE0010':('OnnxRuntimeMissingWhenPacking','Retired (never reused): packing without ONNX Runtime, when it came from an npm fetch script; it now comes from NuGet.','sdk/EdgeSdk/EdgeSdk.csproj'),
'EDGE3002':('OnnxRuntimeChecksumMismatch','Retired (never reused): a checksum mismatch of the npm-fetched ONNX Runtime; it now comes from NuGet, which verifies packages itself.','eng/fetch-onnxruntime.sh'),
'EDGE0005':('PipelineStateMissing','A step record or the evaluation results are missing from the work folder (for example after deleting part of `obj/`). Rebuild.','tasks/EdgeSdk.Engine/Pipeline/PipelineFinisher.cs'),
'EDGE2001':('PassWarning','A pass reported a warning (shown in the report too).','tasks/EdgeSdk.Engine/Pipeline/StepRunner.cs')}
for k,v in extra.items(): codes.setdefault(k,v)
missing=sorted(used-set(codes))
ranges=[('EDGE0','SDK, project and pipeline'),('EDGE1','Recipes'),('EDGE21','Quantization'),('EDGE22','Pruning'),('EDGE23','Low-rank factorization'),('EDGE27','Training, distillation, QAT'),('EDGE2','Passes'),('EDGE3','ONNX Runtime'),('EDGE4','ONNX models'),('EDGE5','Budgets, evaluation and reports'),('EDGE6','Data sets')]
out=['# EdgeSdk diagnostics','','Every diagnostic has a stable code. Errors and warnings name the file, line and column they are about','(for recipes: the offending key or value) and say what to do. A warning can be silenced in MSBuild with','`<NoWarn>$(NoWarn);EDGEnnnn</NoWarn>`, or by making a budget `warning: true` in the recipe.','','This file is generated from the code constants by `eng/generate-diagnostics-doc.py`; a test fails when a code','used in the code is missing here.','']
done=set()
for prefix,title in ranges:
    items=[c for c in sorted(codes) if c.startswith(prefix) and c not in done]
    if not items: continue
    out.append('## '+title); out.append(''); out.append('| code | name | meaning |'); out.append('|---|---|---|')
    for c in items:
        n,d,f=codes[c]; done.add(c)
        out.append('| <a id="%s"></a>%s | `%s` | %s |' % (c.lower(),c,n,d.replace('|','\\|')))
    out.append('')
open('docs/diagnostics.md','w').write('\n'.join(out))
print('missing docs for', missing)
