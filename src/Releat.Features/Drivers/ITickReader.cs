namespace Releat.Features.Drivers;

/// <summary>Reads ticks in order into the caller's buffer; 0 means the range is exhausted.</summary>
public interface ITickReader : IDisposable
{
    int Read(Span<MarketData.Model.Tick> destination);
}
