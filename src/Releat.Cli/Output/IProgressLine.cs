namespace Releat.Cli.Output;

/// <summary>One long task's progress as a command reports it: what it is doing and how far it is.</summary>
internal interface IProgressLine
{
    void Update(string description, double value, double maxValue);
}
