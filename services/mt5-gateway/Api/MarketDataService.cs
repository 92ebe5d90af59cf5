using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Api;

/// <summary>The releat.v1.MarketData gRPC service. Methods not overridden answer UNIMPLEMENTED.</summary>
public sealed class MarketDataService : V1.MarketData.MarketDataBase
{
}
