using Releat.Mt5Gateway;
using Releat.Mt5Gateway.Api;
using Releat.ServiceDefaults;

var builder = ServiceHost.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMt5Gateway();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<MarketDataService>();
app.MapGrpcService<TradingService>();

app.Run();
