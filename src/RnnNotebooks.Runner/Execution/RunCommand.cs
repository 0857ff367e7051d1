namespace RnnNotebooks.Runner.Execution;

public static class RunCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("run: being built (issue 2).");
        return Task.FromResult(1);
    }
}
