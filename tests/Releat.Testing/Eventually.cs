using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Releat.Testing;

/// <summary>
/// Waiting in tests without letting a sleep decide the outcome: a condition is polled until it holds or a deadline
/// passes (then the test fails with a message that says what did not happen), and an await that could hang gets a
/// deadline. Generous deadlines cost nothing when things work: the wait ends as soon as the condition holds.
/// </summary>
public static class Eventually
{
    /// <summary>The deadline a test waits for something that normally takes milliseconds, on a busy 2-core machine.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> naming it after the deadline.</summary>
    public static async Task WaitUntilAsync(
        Func<bool> condition, string? what = null, TimeSpan? deadline = null, [CallerArgumentExpression(nameof(condition))] string expression = "")
    {
        ArgumentNullException.ThrowIfNull(condition);
        await WaitUntilAsync(() => Task.FromResult(condition()), what, deadline, expression).ConfigureAwait(false);
    }

    /// <summary>Polls an asynchronous <paramref name="condition"/> (a query to a server) until it holds or the deadline passes.</summary>
    public static async Task WaitUntilAsync(
        Func<Task<bool>> condition, string? what = null, TimeSpan? deadline = null, [CallerArgumentExpression(nameof(condition))] string expression = "")
    {
        ArgumentNullException.ThrowIfNull(condition);
        TimeSpan limit = deadline ?? DefaultDeadline;
        var clock = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (clock.Elapsed >= limit)
            {
                throw new TimeoutException($"{what ?? expression} did not happen within {limit.TotalSeconds:0.#} s");
            }

            await Task.Delay(Poll).ConfigureAwait(false);
        }
    }

    /// <summary>The task's result, or a <see cref="TimeoutException"/> naming <paramref name="what"/> if it has not finished by the deadline.</summary>
    public static async Task<T> WithTimeout<T>(
        this Task<T> task, TimeSpan? deadline = null, [CallerArgumentExpression(nameof(task))] string what = "")
    {
        ArgumentNullException.ThrowIfNull(task);
        TimeSpan limit = deadline ?? DefaultDeadline;
        try
        {
            return await task.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException e) when (!task.IsCompleted)
        {
            throw new TimeoutException($"{what} did not finish within {limit.TotalSeconds:0.#} s", e);
        }
    }

    /// <summary>Awaits the task, or throws a <see cref="TimeoutException"/> naming <paramref name="what"/> if it has not finished by the deadline.</summary>
    public static async Task WithTimeout(
        this Task task, TimeSpan? deadline = null, [CallerArgumentExpression(nameof(task))] string what = "")
    {
        ArgumentNullException.ThrowIfNull(task);
        TimeSpan limit = deadline ?? DefaultDeadline;
        try
        {
            await task.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException e) when (!task.IsCompleted)
        {
            throw new TimeoutException($"{what} did not finish within {limit.TotalSeconds:0.#} s", e);
        }
    }
}
