using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Grpc.Core;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;

namespace Releat.Grpc.Tests;

/// <summary>The server's meter reports each finished call with service, method and status name.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Calls_are_counted_and_timed_by_service_method_and_status()
    {
        var calls = new ConcurrentBag<(long Value, string Service, string Method, string Status)>();
        var durations = new ConcurrentBag<(double Value, string Method, string Status)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Releat.Grpc.Server")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "grpc.server.calls")
            {
                calls.Add((value, Tag(tags, "grpc.service"), Tag(tags, "grpc.method"), Tag(tags, "grpc.status")));
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "grpc.server.duration" && instrument.Unit == "s")
            {
                durations.Add((value, Tag(tags, "grpc.method"), Tag(tags, "grpc.status")));
            }
        });
        listener.Start();

        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new Echo.EchoClient(channel);
        await client.UnaryAsync(new EchoRequest { Text = "metered" });
        await Assert.ThrowsAsync<RpcException>(async () => await client.FailAsync(new FailRequest { Code = (int)StatusCode.NotFound }));
        var invoker = channel.CreateCallInvoker();
        var missing = new Method<string, string>(MethodType.Unary, "releat.test.v1.Echo", "Missing", Marshallers.StringMarshaller, Marshallers.StringMarshaller);
        await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(missing, null, default, ""));

        // The status is recorded after the trailers go out, so give the server a moment to finish bookkeeping.
        await WaitUntilAsync(() => calls.Count(c => c.Service == "releat.test.v1.Echo") >= 3);
        Assert.Contains(calls, c => c is { Value: 1, Service: "releat.test.v1.Echo", Method: "Unary", Status: "OK" });
        Assert.Contains(calls, c => c is { Method: "Fail", Status: "NOT_FOUND" });
        Assert.Contains(calls, c => c is { Method: "Missing", Status: "UNIMPLEMENTED" });
        Assert.Contains(durations, d => d is { Method: "Unary", Status: "OK", Value: >= 0 and < 10 });
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString() ?? "";
            }
        }

        return "";
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }
    }
}
