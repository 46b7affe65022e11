# This registry serves only linux-x64 builds of packages with per-platform binaries, so npm writes
# lockfiles without the other platforms' optional entries, and `npm ci` then refuses them as out of
# sync. After changing dependencies: run `npm ci --ignore-scripts 2>&1 | grep Missing: | sed "s/npm error Missing: //; s/@ from lock file//" > /tmp/missing.txt`
# and `python3 .ci/complete-lockfile.py package-lock.json /tmp/missing.txt` until nothing is missing.
# Each entry gets the version its parent pins and the os/cpu/libc its name says, marked optional.
import json, sys, re
lock_path, missing_path = sys.argv[1], sys.argv[2]
d = json.load(open(lock_path)); p = d['packages']
missing = [l.strip() for l in open(missing_path) if l.strip()]
OS = ['darwin','linux','win32','android','freebsd','openbsd','netbsd','sunos','aix','openharmony']
CPU = ['arm64','x64','arm','ia32','ppc64','s390x','riscv64','loong64','mips64el','wasm32']
for name in missing:
    parent = next((k for k, v in p.items() if name in (v.get('optionalDependencies') or {})), None)
    if parent is None: print('no parent for', name); continue
    version = p[parent]['optionalDependencies'][name]
    parts = re.split(r'[-/]', name)
    entry = {'version': version, 'dev': True, 'optional': True}
    os_ = [o for o in OS if o in parts]; cpu = [c for c in CPU if c in parts]
    if os_: entry['os'] = os_[:1]
    if cpu: entry['cpu'] = cpu[:1]
    if 'musl' in name or 'musleabihf' in name: entry['libc'] = ['musl']
    elif 'gnu' in name or 'gnueabihf' in name: entry['libc'] = ['glibc']
    key = (parent.rsplit('node_modules/',1)[0] if parent.count('node_modules/')>1 else '') + 'node_modules/' + name
    key = 'node_modules/' + name if key not in p and ('node_modules/'+name) not in p else key
    p[key] = entry
json.dump(d, open(lock_path, 'w'), indent=2); open(lock_path,'a').write('\n')
