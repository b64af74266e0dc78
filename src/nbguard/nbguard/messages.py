"""What the guard writes into graded notebooks (error outputs on cells it failed), in the notebook's language.

``GuardedExecute.language`` chooses the language (``"en"`` by default; a course sets it, e.g. from its own
language setting). Languages: ``en``, ``uk``; any other falls back to English.
"""
from __future__ import annotations

__all__ = ["MESSAGES", "LANGUAGES", "message"]

LANGUAGES = ("en", "uk")

MESSAGES = {
    "dead": {"uk": "Ядро Python завершилося під час виконання цієї комірки (os._exit, sys.exit у потоці, "
                   "нестача пам'яті або збій). Ядро перезапущено, решту завдань оцінено.",
             "en": "The Python kernel died while this cell ran (os._exit, a crash or running out of memory). "
                   "The kernel was restarted and the remaining tasks were graded."},
    "dead_after": {"uk": "Ядро Python завершилося або зависло одразу після цієї комірки.",
                   "en": "The Python kernel died or hung right after this cell."},
    "hung": {"uk": "Комірка не завершилася за відведений час і не відповіла на переривання; ядро "
                   "перезапущено.",
             "en": "The cell did not finish in time and ignored the interrupt; the kernel was restarted."},
    "incomplete": {"uk": "Тестова комірка не виконалася до кінця (її код було змінено або пропущено під час "
                         "виконання).",
                   "en": "The test cell did not run to its end (its code was changed or skipped at run time)."},
    "tampered": {"uk": "Під час тесту змінено захищені функції або модулі: {what}",
                 "en": "Protected functions or modules were changed during this test: {what}"},
    "exhausted": {"uk": "Не виконано: ядро перезапускалося забагато разів.",
                  "en": "Not run: the kernel had to be restarted too many times."},
    "guard_broken": {"uk": "Перевірку середовища оцінювання не вдалося виконати: {what}",
                     "en": "The grading environment could not be checked: {what}"},
    "truncated": {"uk": "\n[... вивід обрізано: понад {limit} байт ...]\n",
                  "en": "\n[... output truncated: more than {limit} bytes ...]\n"},
}


def message(key: str, language: str = "en", **fmt) -> str:
    """The message ``key`` in ``language`` (English if that language is unknown), formatted with ``fmt``."""
    texts = MESSAGES[key]
    text = texts.get((language or "en").strip().lower(), texts["en"])
    return text.format(**fmt) if fmt else text
