"""Regenerates expected.json: every chat template of ../shared/models rendered for every case of cases.json
by Jinja2 (3.1.x) configured exactly as Hugging Face transformers' apply_chat_template configures it
(ImmutableSandboxedEnvironment, trim_blocks, lstrip_blocks, loopcontrols, HF's tojson, raise_exception,
strftime_now). The Java renderer must reproduce these strings byte for byte.
Run from this directory:  python3 generate_expected.py ../../../../../shared/models  (or the shared models path)."""
import json, sys, os
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.ext import loopcontrols
from jinja2.exceptions import TemplateError

def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

def raise_exception(message):
    raise TemplateError(message)

def strftime_now(fmt):
    raise TemplateError("strftime_now is not deterministic; pass date_string")

env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
env.filters["tojson"] = tojson
env.globals["raise_exception"] = raise_exception
env.globals["strftime_now"] = strftime_now

models = sys.argv[1]
templates = {}
for f in sorted(os.listdir(os.path.join(models, "chat-templates"))):
    templates["chat-templates/" + f] = (open(os.path.join(models, "chat-templates", f), encoding="utf-8").read(), "<s>", "</s>")
for d in ["llama3", "phi-3-mini", "qwen2.5", "qwen3"]:
    cfg = json.load(open(os.path.join(models, d, "tokenizer_config.json"), encoding="utf-8"))
    tok = lambda v: v["content"] if isinstance(v, dict) else v
    templates[d + "/tokenizer_config.json"] = (cfg["chat_template"], tok(cfg.get("bos_token")), tok(cfg.get("eos_token")))

cases = json.load(open("cases.json", encoding="utf-8"))
out = {}
for name, (src, bos, eos) in templates.items():
    t = env.from_string(src)
    out[name] = {}
    for cname, c in cases.items():
        ctx = dict(messages=c["messages"], tools=c.get("tools"), add_generation_prompt=c["add_generation_prompt"],
                   bos_token=bos, eos_token=eos, date_string="26 Jul 2024")
        ctx.update(c.get("extra", {}))
        try:
            out[name][cname] = {"output": t.render(**ctx)}
        except TemplateError as e:
            out[name][cname] = {"error": str(e)}
json.dump(out, open("expected.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1, sort_keys=True)
print({k: sum("output" in v for v in vs.values()) for k, vs in out.items()})
