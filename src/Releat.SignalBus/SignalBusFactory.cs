namespace Releat.SignalBus;

/// <summary>The bus the configuration asks for.</summary>
public static class SignalBusFactory
{
    public static ISignalBus Create(SignalBusOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Mode switch
        {
            SignalBusMode.InMemory => new InMemory.InMemorySignalBus(options.MaxLength, time),
            SignalBusMode.Redis => new Redis.RedisSignalBus(options.Redis, options.MaxLength),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Mode, "SignalBus:Mode must be InMemory or Redis"),
        };
    }
}
