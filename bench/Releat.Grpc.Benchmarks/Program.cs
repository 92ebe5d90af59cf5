using System.Globalization;
using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Releat.Bench.V1;
using Grpc.Net.Client;
using Releat.Grpc.Benchmarks;

// The official gRPC stack (Grpc.AspNetCore server, Grpc.Net.Client client) next to bare Kestrel HTTP/2 + HttpClient
// doing the same byte work, on loopback, in one process. Client and server share the cores, the same handicap for
// both sides, so the grpc/bare ratio is the figure to read; absolute numbers move with whatever else the machine
// is doing.
var quick = args.Contains("--quick");
var warmup = TimeSpan.FromSeconds(quick ? 0.3 : 1.5);
var duration = TimeSpan.FromSeconds(quick ? 0.7 : 8);
const int PayloadSize = 100;
const int StreamMessages = 10_000;
const int StreamMessageSize = 64;

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
builder.Services.AddGrpc();
await using var app = builder.Build();
app.MapGrpcService<BenchService>();
BareEndpoints.Map(app);
await app.StartAsync();
var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

using var channel = GrpcChannel.ForAddress(address);
var client = new Bench.BenchClient(channel);
var request = new Payload { Data = ByteString.CopyFrom(new byte[PayloadSize]) };
using var bare = new BareHttpClient(address, 5 + request.CalculateSize());
var streamRequest = new StreamRequest { Count = StreamMessages, Size = StreamMessageSize };
var streamFrameLength = 5 + new Payload { Data = ByteString.CopyFrom(new byte[StreamMessageSize]) }.CalculateSize();
var framedStreamRequest = new byte[5 + streamRequest.CalculateSize()];
framedStreamRequest[4] = (byte)streamRequest.CalculateSize();
streamRequest.WriteTo(framedStreamRequest.AsSpan(5));

var rows = new List<(Measurement Ours, Measurement Bare)>();
foreach (var callers in new[] { 1, 32 })
{
    var ours = await LoadRunner.RunAsync($"unary, {callers} caller(s)", callers, warmup, duration, async () =>
    {
        await client.UnaryAsync(request);
        return 1;
    });
    var baseline = await LoadRunner.RunAsync($"unary, {callers} caller(s)", callers, warmup, duration, async () =>
    {
        await bare.EchoAsync();
        return 1;
    });
    rows.Add((ours, baseline));
    var framedUnary = new byte[5 + request.CalculateSize()];
    framedUnary[4] = (byte)request.CalculateSize();
    request.WriteTo(framedUnary.AsSpan(5));
    var unaryServerOnly = await LoadRunner.RunAsync("  server side only", callers, warmup, duration, async () =>
    {
        await bare.DrainGrpcStreamAsync("/releat.bench.v1.Bench/Unary", framedUnary, 1);
        return 1;
    });
    rows.Add((unaryServerOnly, baseline));
}

// The live path's pattern: one order now and then, the threads idle in between; wake-ups count here, not throughput.
var spacedCalls = quick ? 100 : 400;
var oursSpaced = await LoadRunner.RunSpacedAsync("unary, 1 every 20 ms", spacedCalls, TimeSpan.FromMilliseconds(20), async () =>
{
    await client.UnaryAsync(request);
    return 1;
});
var bareSpaced = await LoadRunner.RunSpacedAsync("unary, 1 every 20 ms", spacedCalls, TimeSpan.FromMilliseconds(20), async () =>
{
    await bare.EchoAsync();
    return 1;
});
rows.Add((oursSpaced, bareSpaced));

// The same pattern on one long-lived duplex call: what a session that keeps its stream open saves per message.
using (var echo = client.Echo())
{
    var duplexSpaced = await LoadRunner.RunSpacedAsync("duplex, 1 every 20 ms", spacedCalls, TimeSpan.FromMilliseconds(20), async () =>
    {
        await echo.RequestStream.WriteAsync(request);
        await echo.ResponseStream.MoveNext(CancellationToken.None);
        return 1;
    });
    rows.Add((duplexSpaced, bareSpaced));
    await echo.RequestStream.CompleteAsync();
}

var bareStream = await LoadRunner.RunAsync("server stream msgs", 1, warmup, duration, () => bare.StreamAsync(StreamMessages, streamFrameLength));
var oursStream = await LoadRunner.RunAsync("server stream msgs", 1, warmup, duration, async () =>
{
    using var call = client.Stream(streamRequest);
    var received = 0;
    while (await call.ResponseStream.MoveNext(CancellationToken.None))
    {
        received++;
    }

    return received;
});
rows.Add((oursStream, bareStream));
var serverOnly = await LoadRunner.RunAsync("  server side only", 1, warmup, duration, () =>
    bare.DrainGrpcStreamAsync("/releat.bench.v1.Bench/Stream", framedStreamRequest, streamFrameLength));
rows.Add((serverOnly, bareStream));

Console.WriteLine($"Grpc.AspNetCore + Grpc.Net.Client 2.85 vs bare Kestrel HTTP/2 + HttpClient, loopback, one process, {Environment.ProcessorCount} cores, {(quick ? "quick" : "full")} run");
Console.WriteLine($"unary: {PayloadSize} B payload echoed; stream: {StreamMessages:N0} msgs of {StreamMessageSize} B per call, latency is per call");
Console.WriteLine("'server side only' = the Grpc.AspNetCore server drained by a bare HttpClient that does not parse frames");
Console.WriteLine("cpu us/op and alloc B/op = whole process (client + server) per call or per streamed message");
Console.WriteLine();
Console.WriteLine($"{"scenario",-22} {"side",-6} {"ops/s",12} {"p50 us",9} {"p99 us",9} {"cpu us/op",10} {"alloc B/op",11}");
foreach (var (ours, baseline) in rows)
{
    Print("grpc", ours);
    Print("bare", baseline);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{"",-22} {"ratio",-6} {ours.PerSecond / baseline.PerSecond,12:0.00} {ours.P50Micros / baseline.P50Micros,9:0.00} {ours.P99Micros / baseline.P99Micros,9:0.00} {ours.CpuMicrosPerOperation / baseline.CpuMicrosPerOperation,10:0.00}"));
}

await app.StopAsync();

static void Print(string side, Measurement m) => Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{m.Name,-22} {side,-6} {m.PerSecond,12:N0} {m.P50Micros,9:0.0} {m.P99Micros,9:0.0} {m.CpuMicrosPerOperation,10:0.00} {m.BytesPerOperation,11:N0}"));
