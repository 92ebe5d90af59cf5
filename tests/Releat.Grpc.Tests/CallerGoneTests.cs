using Grpc.Core;
using Grpc.Net.Client;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;
using Releat.Testing;

namespace Releat.Grpc.Tests;

/// <summary>
/// A server stream whose caller has gone is a cancelled call in the server's log, not an error: the gateway's tick
/// stream to a signal service that stops must not write an Error line (grpc-dotnet refuses the next write with an
/// InvalidOperationException and would log that at Error; CallerGoneInterceptor turns it into the cancellation it is).
/// </summary>
public sealed class CallerGoneTests
{
    [Fact]
    public async Task A_write_after_the_caller_cancelled_is_logged_as_a_cancellation_not_an_error()
    {
        string[] logged = await CancelWhileTheHandlerWaitsAsync(EchoService.WriteAfterCancelPrefix + Guid.NewGuid().ToString("N"));

        string[] ended = [.. logged.Where(IsAboutTheWaitingCall)];
        Assert.DoesNotContain(ended, l => l.StartsWith("Error:", StringComparison.Ordinal));
        string cancelled = Assert.Single(ended);
        Assert.StartsWith("Information: Service method 'WaitForCancellation' canceled.", cancelled, StringComparison.Ordinal);
        Assert.Contains("the caller ended the call while a message was being written to it", cancelled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_the_caller_cancels_while_the_handler_waits_ends_quietly_as_before()
    {
        string[] logged = await CancelWhileTheHandlerWaitsAsync(Guid.NewGuid().ToString("N"));

        Assert.DoesNotContain(logged, l => l.StartsWith("Error:", StringComparison.Ordinal));
    }

    /// <summary>
    /// Opens WaitForCancellation, cancels it once the handler is waiting, and returns the server's log after the
    /// handler has ended (an id with the write-after-cancel prefix makes the handler write once more first).
    /// </summary>
    private static async Task<string[]> CancelWhileTheHandlerWaitsAsync(string id)
    {
        var logs = new CapturedLogs();
        await using var server = await GrpcTestServer.StartAsync(logs: logs);
        using var channel = GrpcChannel.ForAddress(server.Address);
        var echo = new Echo.EchoClient(channel);

        using (var cancel = new CancellationTokenSource())
        {
            using var call = echo.WaitForCancellation(new WaitRequest { Id = id }, cancellationToken: cancel.Token);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout());
            Assert.Equal("waiting", call.ResponseStream.Current.Text);
            await cancel.CancelAsync();
        }

        // The handler saw the cancellation and ended; grpc-dotnet then logs how it ended.
        Assert.Equal(1, (await echo.WasCancelledAsync(new WaitRequest { Id = id }).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(45))).Count);
        await Eventually.WaitUntilAsync(
            () => logs.Lines.Any(IsAboutTheWaitingCall), "grpc-dotnet logging how the WaitForCancellation handler ended");
        return [.. logs.Lines];
    }

    private static bool IsAboutTheWaitingCall(string line) => line.Contains("'WaitForCancellation'", StringComparison.Ordinal);
}
