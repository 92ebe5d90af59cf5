using Releat.FeatureBuilder;
using Releat.FeatureBuilder.Api;
using Releat.ServiceDefaults;

var builder = ServiceHost.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddFeatureBuilder();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcService<FeatureBuilderService>();

app.Run();
