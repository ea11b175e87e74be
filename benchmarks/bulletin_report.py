"""How the radio scripts of the example fit their slots: words, spoken seconds, fill, and audio read aloud.

For every update of the example that broadcasts, and every configured length,
prints the words as a reader speaks them, the seconds they take at the
configured words a minute, the share of the slot they fill (85 to 100 per
cent is on time), and, when espeak-ng is installed, how long espeak-ng takes
to read the copy aloud at the same speed. Then a summary: how many :30 and
:60 scripts fill their slot, which run short (their header says so), and
whether every :15 says what, where and when.

    python benchmarks/bulletin_report.py                 # the example in this repository
    python benchmarks/bulletin_report.py --root DIR      # another status repository
    python benchmarks/bulletin_report.py --no-audio      # skip espeak-ng
    python benchmarks/bulletin_report.py --show 15       # also print every :15 copy

It prints figures; it is not part of the tests and asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import wave
from datetime import datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from generator.bulletins import bulletin_set  # noqa: E402
from generator.bulletins import editorial as e  # noqa: E402
from generator.bulletins.radio import copy_of, facts, fitted  # noqa: E402
from generator.bulletins.templates import bulletin_templates  # noqa: E402
from generator.incidents.load import load_site  # noqa: E402
from generator.state.now import snapshot  # noqa: E402

FAR_FUTURE = datetime.fromisoformat("2100-01-01T00:00:00+00:00")
"""Every update of the example exists by then; each set says only what was known at its own update."""


def spoken_audio_seconds(text: str, words_per_minute: int, espeak: str) -> float:
    """How long espeak-ng takes to read ``text`` aloud at ``words_per_minute`` (from the WAV it writes)."""
    with tempfile.TemporaryDirectory() as folder:
        wav = Path(folder) / "copy.wav"
        subprocess.run(
            [espeak, "-v", "en", "-s", str(words_per_minute), "-w", str(wav), "--stdin"],
            input=text.encode("utf-8"),
            check=True,
            capture_output=True,
        )
        with wave.open(str(wav)) as audio:
            return audio.getnframes() / audio.getframerate()


def says_when(state: str, kept: tuple[int, ...]) -> bool:
    """A :15 says when service is back: an estimate, that there is none, or a lead that says it ("is back")."""
    lead_says_when = {"coming back", "back", "scheduled", "completed", "cancelled"}
    return 3 in kept or state in lead_says_when


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=PROJECT, help="a status repository (default: this one)")
    parser.add_argument("--no-audio", action="store_true", help="do not read the scripts aloud with espeak-ng")
    parser.add_argument("--show", type=int, metavar="SECONDS", help="print the copy of every script of this length")
    args = parser.parse_args()

    site = load_site(args.root)
    config = site.config
    wpm = config.bulletins.words_per_minute
    templates = bulletin_templates(args.root)
    state = snapshot(site, FAR_FUTURE)
    espeak = None if args.no_audio else shutil.which("espeak-ng")
    if not args.no_audio and espeak is None:
        print("espeak-ng not found: no audio lengths (apt-get install espeak-ng)\n")

    lengths = config.bulletins.radio_lengths
    heading = f"{'update':<62} {'len':>4} {'words':>5} {'secs':>5} {'fill':>5} {'audio':>6}  header"
    print(heading)
    print("-" * len(heading))
    short, on_time, long_, missing_when, audio_gap = [], 0, [], [], []
    for incident in state.site.incidents:
        for update in incident.updates:
            if not incident.broadcasts(update):
                continue
            item = bulletin_set(templates, state, incident, update)
            spoken_facts = facts(config, item.incident, update, item.issue)
            for seconds in lengths:
                script = item.radio[seconds]
                copy = copy_of(script)
                words = e.spoken_word_count(copy)
                said = e.spoken_seconds(copy, wpm)
                ratio = e.fill_ratio(copy, seconds, wpm)
                audio = spoken_audio_seconds(copy, wpm, espeak) if espeak else None
                header = script.splitlines()[1].removeprefix("LENGTH: ")
                name = f"{incident.id[:40]} {update.id} {update.status.value[:9]}"
                shown = f"{audio:6.1f}" if audio is not None else f"{'-':>6}"
                print(f"{name:<62} {seconds:>4} {words:>5} {said:>5.1f} {ratio:>5.0%} {shown}  {header}")
                if args.show == seconds:
                    print(f"    {copy}\n")
                if audio is not None:
                    audio_gap.append(audio - said)
                if seconds == min(lengths) and not says_when(
                    spoken_facts.state, fitted(templates, spoken_facts, seconds).kept
                ):
                    missing_when.append(name)
                if seconds == min(lengths):
                    continue
                if ratio < 0.85:
                    short.append((name, seconds, header))
                elif ratio > 1.0:
                    long_.append((name, seconds, header))
                else:
                    on_time += 1

    timed = on_time + len(short) + len(long_)
    print(f"\n{on_time} of {timed} scripts longer than :{min(lengths):02d} fill 85-100 % of their slot.")
    for name, seconds, header in short:
        print(f"  short: {name} :{seconds} — header says {header}")
    for name, seconds, header in long_:
        print(f"  long:  {name} :{seconds} — header says {header}")
    print(f"Every :{min(lengths):02d} says what, where and when: {'yes' if not missing_when else 'no'}")
    for name in missing_when:
        print(f"  no 'when' in the :{min(lengths):02d} of {name}")
    if audio_gap:
        mean = sum(audio_gap) / len(audio_gap)
        print(
            f"espeak-ng at {wpm} wpm reads the copy {abs(mean):.1f} s {'longer' if mean > 0 else 'shorter'} "
            f"than the word count says, on average (range {min(audio_gap):+.1f} to {max(audio_gap):+.1f} s)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
