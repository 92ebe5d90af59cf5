using Releat.Trainer.Api;
using Releat.Grpc;
using Releat.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<TrainerService>();

app.Run();
