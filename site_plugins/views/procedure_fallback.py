from markupsafe import Markup, escape


def render_procedure(sop):
    rows = "".join(f"<tr><td>{escape(s.no)}</td><td>{escape(s.kegiatan)}</td><td>{escape(s.pelaksana or '')}</td>"
                   f"<td>{escape(s.waktu.raw)}</td></tr>" for s in sop.langkah)
    return Markup(f"<table class='sop-prosedur'><tbody>{rows}</tbody></table>")
