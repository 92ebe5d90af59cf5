namespace Releat.Mt5Bridge.Terminal;

/// <summary>
/// Our symbol names and the broker's (EURUSD and EURUSDm, EURUSD.r, ...), from Mt5Bridge:SymbolMap. Names not in
/// the map are the same on both sides.
/// </summary>
public sealed class BrokerSymbols
{
    private readonly Dictionary<string, string> _toBroker;
    private readonly Dictionary<string, string> _fromBroker;

    public BrokerSymbols(IReadOnlyDictionary<string, string>? map = null)
    {
        _toBroker = new Dictionary<string, string>(StringComparer.Ordinal);
        _fromBroker = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (ours, broker) in map ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(broker))
            {
                throw new InvalidOperationException($"Mt5Bridge:SymbolMap:{ours} is empty: name the broker's symbol");
            }

            if (!_fromBroker.TryAdd(broker, ours))
            {
                throw new InvalidOperationException(
                    $"Mt5Bridge:SymbolMap maps both {_fromBroker[broker]} and {ours} to the broker's {broker}");
            }

            _toBroker[ours] = broker;
        }
    }

    public string ToBroker(string symbol) => _toBroker.GetValueOrDefault(symbol, symbol);

    public string FromBroker(string symbol) => _fromBroker.GetValueOrDefault(symbol, symbol);
}
