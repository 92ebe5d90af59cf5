using Releat.ServiceDefaults;
using Releat.Trader;
using Releat.Trader.Api;

var builder = ServiceHost.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTrader();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<TraderControlService>();

app.Run();
