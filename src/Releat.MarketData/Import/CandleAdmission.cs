using System.Globalization;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Time;

namespace Releat.MarketData.Import;

/// <summary>
/// The gate every imported candle passes: finite positive prices, high and low bounding open and close,
/// non-negative volumes, strictly increasing opening times, and not already stored (time at or before the
/// newest stored candle).
/// </summary>
internal sealed class CandleAdmission
{
    private readonly CandleWriter _writer;
    private readonly ImportTally _tally;
    private readonly long _storedTime;
    private bool _hasPrevious;
    private long _previousTime;
    private long _previousLine;

    public CandleAdmission(CandleWriter writer, ImportTally tally)
    {
        _writer = writer;
        _tally = tally;
        _storedTime = writer.LastTimeMs;
    }

    public void Admit(in Candle candle, long line)
    {
        if (!double.IsFinite(candle.Open) || !double.IsFinite(candle.High) || !double.IsFinite(candle.Low)
            || !double.IsFinite(candle.Close) || !double.IsFinite(candle.Volume))
        {
            _tally.Reject(line, RejectReason.NotANumber, Describe("NaN or infinite value", candle));
            return;
        }

        if (candle.Open <= 0 || candle.High <= 0 || candle.Low <= 0 || candle.Close <= 0)
        {
            _tally.Reject(line, RejectReason.NonPositivePrice, Describe("prices must be positive", candle));
            return;
        }

        if (candle.Volume < 0 || candle.TickVolume < 0)
        {
            _tally.Reject(line, RejectReason.NegativeVolume, Describe("negative volume", candle));
            return;
        }

        if (!candle.IsConsistent)
        {
            _tally.Reject(line, RejectReason.InconsistentCandle, Describe("high/low do not bound open and close", candle));
            return;
        }

        if (_hasPrevious && candle.TimeMs <= _previousTime)
        {
            RejectReason reason = candle.TimeMs == _previousTime ? RejectReason.Duplicate : RejectReason.OutOfOrder;
            _tally.Reject(line, reason, string.Create(CultureInfo.InvariantCulture,
                $"time {UtcTime.Format(candle.TimeMs)} is not after {UtcTime.Format(_previousTime)} on line {_previousLine}"));
            return;
        }

        _hasPrevious = true;
        _previousTime = candle.TimeMs;
        _previousLine = line;
        if (candle.TimeMs <= _storedTime)
        {
            _tally.SkipAlreadyStored();
            return;
        }

        _writer.Append(candle);
        _tally.CountStored(candle.TimeMs);
    }

    private static string Describe(string problem, in Candle candle) => string.Create(
        CultureInfo.InvariantCulture,
        $"{problem}: open {candle.Open}, high {candle.High}, low {candle.Low}, close {candle.Close}, volume {candle.Volume}");
}
