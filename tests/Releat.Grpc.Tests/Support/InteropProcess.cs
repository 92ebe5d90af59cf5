using System.Diagnostics;

namespace Releat.Grpc.Tests.Support;

/// <summary>Waits for an interop client process (python or node) with a time limit, killing it when the limit passes.</summary>
public static class InteropProcess
{
    public static async Task<PythonRun> WaitAsync(Process process, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(process);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new PythonRun(-1, await stdout, $"timed out after {timeout}. " + await stderr);
        }

        return new PythonRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Reads the next line a watching client prints, failing with its stderr if it exits first.</summary>
    public static async Task<string> ReadLineAsync(Process process, Task<string> stderr)
    {
        ArgumentNullException.ThrowIfNull(process);
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null)
        {
            Assert.Fail("the interop client exited early: " + await stderr);
        }

        return line;
    }
}
