using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Releat.Testing;

/// <summary>
/// A logger provider that keeps every line a host writes, as "Level: message | scope | scope", so a test can look
/// for what a log line carries (the caller's name) and what it must never carry (a token).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new System.Text.StringBuilder($"{logLevel}: {formatter(state, exception)}");
            owner._scopes.ForEachScope((scope, builder) => builder.Append(" | ").Append(scope), line);
            if (exception is not null)
            {
                line.Append(" | ").Append(exception.Message);
            }

            owner._lines.Enqueue(line.ToString());
        }
    }
}
