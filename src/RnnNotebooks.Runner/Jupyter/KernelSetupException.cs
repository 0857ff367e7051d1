namespace RnnNotebooks.Runner.Jupyter;

/// <summary>
/// A kernel set-up step that cannot go on. The message is one line for the user: what went wrong and
/// what to do about it; <c>kernel install</c> prints it instead of a stack trace.
/// </summary>
public sealed class KernelSetupException(string message) : Exception(message);
