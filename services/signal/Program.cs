using Releat.Signal.Api;
using Releat.Grpc;
using Releat.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<SignalsService>();

app.Run();
