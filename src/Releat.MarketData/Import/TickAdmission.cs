using System.Globalization;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Time;

namespace Releat.MarketData.Import;

/// <summary>
/// The gate every imported tick passes: finite, positive prices, ask not below bid, in time order, not a repeat
/// of the previous row, and not already in the store. Ticks sharing a millisecond are numbered in file order;
/// a tick whose (time, number) is at or below the newest stored key is skipped as already stored.
/// </summary>
internal sealed class TickAdmission
{
    private readonly TickWriter _writer;
    private readonly ImportTally _tally;
    private readonly long _storedKey;
    private long _previousLine;
    private ushort _previousSequence;

    public TickAdmission(TickWriter writer, ImportTally tally)
    {
        _writer = writer;
        _tally = tally;
        _storedKey = writer.LastKey;
    }

    public bool HasPrevious { get; private set; }

    /// <summary>The last tick that passed the checks (stored or already stored).</summary>
    public Tick Previous { get; private set; }

    public void Admit(in Tick tick, long line)
    {
        if (!double.IsFinite(tick.Bid) || !double.IsFinite(tick.Ask) || !double.IsFinite(tick.Last) || !double.IsFinite(tick.Volume))
        {
            _tally.Reject(line, RejectReason.NotANumber, Describe("NaN or infinite value", tick));
            return;
        }

        if (tick.Bid <= 0 || tick.Ask <= 0 || tick.Last < 0)
        {
            _tally.Reject(line, RejectReason.NonPositivePrice, Describe("bid and ask must be positive", tick));
            return;
        }

        if (tick.Volume < 0)
        {
            _tally.Reject(line, RejectReason.NegativeVolume, Describe("negative volume", tick));
            return;
        }

        if (tick.Ask < tick.Bid)
        {
            _tally.Reject(line, RejectReason.AskBelowBid, Describe("ask below bid", tick));
            return;
        }

        ushort sequence = 0;
        if (HasPrevious)
        {
            if (tick.TimeMs < Previous.TimeMs)
            {
                _tally.Reject(line, RejectReason.OutOfOrder, string.Create(CultureInfo.InvariantCulture,
                    $"time {UtcTime.Format(tick.TimeMs)} is before {UtcTime.Format(Previous.TimeMs)} on line {_previousLine}"));
                return;
            }

            if (tick == Previous)
            {
                _tally.Reject(line, RejectReason.Duplicate, $"same tick as line {_previousLine}");
                return;
            }

            if (tick.TimeMs == Previous.TimeMs)
            {
                // The store tells ticks of one millisecond apart by a 16-bit number; no real feed comes near it.
                if (_previousSequence == ushort.MaxValue)
                {
                    _tally.Reject(line, RejectReason.TooManyInOneMillisecond, string.Create(CultureInfo.InvariantCulture,
                        $"more than {ushort.MaxValue + 1} ticks at {UtcTime.Format(tick.TimeMs)}"));
                    return;
                }

                sequence = (ushort)(_previousSequence + 1);
            }
        }

        Previous = tick;
        HasPrevious = true;
        _previousSequence = sequence;
        _previousLine = line;
        if (((tick.TimeMs << 16) | sequence) <= _storedKey)
        {
            _tally.SkipAlreadyStored();
            return;
        }

        _writer.Append(tick, sequence);
        _tally.CountStored(tick.TimeMs);
    }

    private static string Describe(string problem, in Tick tick) => string.Create(
        CultureInfo.InvariantCulture,
        $"{problem}: bid {tick.Bid}, ask {tick.Ask}, last {tick.Last}, volume {tick.Volume}");
}
