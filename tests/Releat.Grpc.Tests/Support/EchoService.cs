using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Releat.Test.V1;

namespace Releat.Grpc.Tests.Support;

/// <summary>The test service: every call shape, plus handlers that sleep, wait for cancellation, fail and crash.</summary>
public sealed class EchoService(CallJournal journal) : Echo.EchoBase
{
    /// <summary>A WaitForCancellation whose id starts so writes once more after the caller has cancelled.</summary>
    public const string WriteAfterCancelPrefix = "write-after-cancel:";

    public override Task<EchoReply> Unary(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Text = request.Text, Payload = request.Payload, Count = 1 });

    public override async Task ServerStream(StreamRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        var payload = ByteString.CopyFrom(new byte[request.PayloadSize]);
        for (var i = 0; i < request.Count; i++)
        {
            await responseStream.WriteAsync(new EchoReply { Text = request.Text, Payload = payload, Count = i }, context.CancellationToken);
        }

        if (request.Text == "break")
        {
            throw new RpcException(new Status(StatusCode.DataLoss, "feed broke after the last message"));
        }
    }

    public override async Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        var text = new StringBuilder();
        var count = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            text.Append(request.Text);
            count++;
        }

        return new EchoReply { Text = text.ToString(), Count = count };
    }

    public override async Task Duplex(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        var count = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(new EchoReply { Text = request.Text, Payload = request.Payload, Count = ++count }, context.CancellationToken);
        }
    }

    public override async Task<EchoReply> Sleep(SleepRequest request, ServerCallContext context)
    {
        await Task.Delay(request.Milliseconds, context.CancellationToken);
        return new EchoReply { Text = "slept", Count = request.Milliseconds };
    }

    public override async Task WaitForCancellation(WaitRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync(new EchoReply { Text = "waiting", Count = 0 });
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException) when (request.Id.StartsWith(WriteAfterCancelPrefix, StringComparison.Ordinal))
        {
            // A message that was ready just as the caller left (a tick after the signal service stopped): this write
            // is refused because the call is over, and the refusal ends the handler.
            await responseStream.WriteAsync(new EchoReply { Text = "too late", Count = 1 });
        }
        finally
        {
            if (context.CancellationToken.IsCancellationRequested)
            {
                journal.RecordCancelled(request.Id);
            }
        }
    }

    /// <summary>
    /// Whether the WaitForCancellation handler of the id saw its token fire, waiting for it up to 30 s: the caller's
    /// reset reaches the server's handler asynchronously, and on a loaded 2-core machine that once took more than the
    /// 5 s this used to allow (NodeInteropTests, repeat-tests --stress). Callers give their call a longer deadline.
    /// </summary>
    public override async Task<EchoReply> WasCancelled(WaitRequest request, ServerCallContext context)
    {
        var cancelled = await journal.WaitForCancelledAsync(request.Id, TimeSpan.FromSeconds(30));
        return new EchoReply { Text = request.Id, Count = cancelled ? 1 : 0 };
    }

    public override Task<EchoReply> Fail(FailRequest request, ServerCallContext context) =>
        throw new RpcException(
            new Status((StatusCode)request.Code, request.Message),
            new Metadata { { "failure-reason", "requested" } });

    public override Task<EchoReply> Crash(EchoRequest request, ServerCallContext context)
    {
        journal.RecordCrash();
        throw new InvalidOperationException("secret internal detail");
    }

    public override Task<EchoReply> Flaky(FlakyRequest request, ServerCallContext context)
    {
        var call = journal.NextFlakyCall(request.Key);
        return call <= request.Failures
            ? throw new RpcException(new Status(StatusCode.Unavailable, $"flaky failure {call} of {request.Failures}"))
            : Task.FromResult(new EchoReply { Text = request.Key, Count = call });
    }

    public override async Task<EchoReply> Headers(EchoRequest request, ServerCallContext context)
    {
        // Count carries the seconds left until the call's deadline (-1 when the client set none).
        var reply = new EchoReply
        {
            Text = request.Text,
            Count = context.Deadline == DateTime.MaxValue ? -1 : (int)Math.Round((context.Deadline - DateTime.UtcNow).TotalSeconds),
        };
        foreach (var entry in context.RequestHeaders)
        {
            reply.Headers[entry.Key] = entry.IsBinary ? Convert.ToHexString(entry.ValueBytes) : entry.Value;
        }

        await context.WriteResponseHeadersAsync(new Metadata { { "echo-header", "from-server" } });
        context.ResponseTrailers.Add("echo-trailer", "done");
        context.ResponseTrailers.Add("echo-trailer-bin", [1, 2, 3]);
        return reply;
    }
}
