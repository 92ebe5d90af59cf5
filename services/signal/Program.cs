using Releat.ServiceDefaults;
using Releat.Signal;
using Releat.Signal.Api;

var builder = ServiceHost.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSignal();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<SignalsService>();

app.Run();
