// Feature engine benchmarks: filled in by the next commit.
Console.WriteLine("releat feature benchmarks");
