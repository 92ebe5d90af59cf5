namespace Releat.MarketData.Import;

/// <summary>The running counts of one import, turned into an <see cref="ImportReport"/> at the end.</summary>
internal sealed class ImportTally(string file, int maxErrorsKept)
{
    private readonly long[] _skipped = new long[Enum.GetValues<RejectReason>().Length];
    private readonly List<ImportError> _errors = [];

    public string File { get; } = file;

    public long Rows { get; set; }

    public long Stored { get; private set; }

    public long Skipped { get; private set; }

    public long FirstStoredMs { get; private set; } = long.MinValue;

    public long LastStoredMs { get; private set; } = long.MinValue;

    public void Reject(long line, RejectReason reason, string detail)
    {
        _skipped[(int)reason]++;
        Skipped++;
        if (_errors.Count < maxErrorsKept)
        {
            _errors.Add(new ImportError(File, line, reason, detail));
        }
    }

    public void SkipAlreadyStored()
    {
        _skipped[(int)RejectReason.AlreadyStored]++;
        Skipped++;
    }

    public void CountStored(long timeMs)
    {
        if (Stored == 0)
        {
            FirstStoredMs = timeMs;
        }

        Stored++;
        LastStoredMs = timeMs;
    }

    public ImportReport ToReport()
    {
        var skipped = new Dictionary<RejectReason, long>();
        for (int i = 0; i < _skipped.Length; i++)
        {
            if (_skipped[i] > 0)
            {
                skipped[(RejectReason)i] = _skipped[i];
            }
        }

        return new ImportReport(File, Rows, Stored, skipped, [.. _errors], FirstStoredMs, LastStoredMs);
    }
}
