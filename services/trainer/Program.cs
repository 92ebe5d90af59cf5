using Releat.ServiceDefaults;
using Releat.Trainer;
using Releat.Trainer.Api;

var builder = ServiceHost.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTrainer();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<TrainerService>();

app.Run();
