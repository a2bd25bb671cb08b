"""TAP output for the project's Python checks (suites trace, sysdesc, boot):
the plan, one line per result with its optional '# ' detail lines, and the
exit status Meson judges."""


def report(results):
    """results: (good, what) or (good, what, detail) tuples, in order.
    Prints them as TAP; returns 0 if every one is good, else 1."""
    print(f'1..{len(results)}')
    for good, what, *detail in results:
        print(('ok' if good else 'not ok') + ' - ' + what)
        for text in detail:
            if text:
                print('\n'.join('# ' + line for line in text.splitlines()))
    return 0 if all(r[0] for r in results) else 1
