using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Tests.Runner;

/// <summary>The <c>run</c> command's arguments are checked before anything is packed or executed.</summary>
public sealed class RunCommandTests
{
    [Theory]
    [InlineData("--cell-timeout")]
    [InlineData("--cell-timeout", "soon")]
    [InlineData("--cell-timeout", "-5")]
    [InlineData("--cells", "3")]
    public async Task Bad_options_are_refused_with_exit_code_2(params string[] args)
    {
        Assert.Equal(2, await RunCommand.RunAsync(args));
    }
}
