using System.Diagnostics;

namespace Releat.Live;

/// <summary>
/// Tick-to-order times of one replay: from the arrival of the tick that closed a decision to the broker receiving
/// the order it caused, in microseconds, with the percentiles the closing reports quote.
/// </summary>
public sealed class OrderLatencies
{
    private readonly List<double> _microseconds = [];

    public int Count => _microseconds.Count;

    public IReadOnlyList<double> Microseconds => _microseconds;

    public void Add(long arrivalTimestamp, long receivedTimestamp) =>
        _microseconds.Add(Stopwatch.GetElapsedTime(arrivalTimestamp, receivedTimestamp).TotalMicroseconds);

    public void AddMicroseconds(double microseconds) => _microseconds.Add(microseconds);

    /// <summary>The q-quantile (0..1) by nearest rank; NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (_microseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _microseconds.Order().ToArray();
        int rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public double Max => _microseconds.Count == 0 ? double.NaN : _microseconds.Max();

    public override string ToString() => Count == 0
        ? "no orders"
        : FormattableString.Invariant($"{Count} orders, p50 {Quantile(0.5):0} us, p99 {Quantile(0.99):0} us, max {Max:0} us");
}
