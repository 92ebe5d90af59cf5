namespace Releat.SignalBus;

public enum SignalBusMode
{
    InMemory,
    Redis,
}
