using System.Diagnostics;
using System.Globalization;

namespace Releat.Cli.Output;

/// <summary>
/// Progress for a pipe, a log file or CI: a plain line when the task starts, every <see cref="Interval"/> or 10%,
/// whichever comes first, and at the end; never a redrawn line or an escape code.
/// </summary>
internal sealed class PlainProgressLine(TextWriter writer) : IProgressLine
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly Stopwatch _sincePrinted = new();
    private int _printedTenth = -1;
    private string? _pending;

    public void Update(string description, double value, double maxValue)
    {
        double fraction = maxValue > 0 ? Math.Clamp(value / maxValue, 0, 1) : 0;
        int tenth = (int)(fraction * 10);
        string line = string.Create(CultureInfo.InvariantCulture, $"{description} ({fraction * 100:0}%)");
        if (!_sincePrinted.IsRunning || tenth > _printedTenth || _sincePrinted.Elapsed >= Interval)
        {
            Print(line, tenth);
        }
        else
        {
            _pending = line;
        }
    }

    /// <summary>Prints the last state if it has not been printed yet.</summary>
    public void Finish()
    {
        if (_pending is not null)
        {
            Print(_pending, _printedTenth);
        }
    }

    private void Print(string line, int tenth)
    {
        writer.WriteLine(line);
        writer.Flush();
        _printedTenth = Math.Max(_printedTenth, tenth);
        _pending = null;
        _sincePrinted.Restart();
    }
}
