namespace RnnNotebooks.Runner.Site;

/// <summary>Which readers a site is for; both are written from the same executed notebooks.</summary>
public enum SiteEdition
{
    /// <summary>
    /// The default: each exercise's solution behind a collapsed "Show a solution" control, hidden tests
    /// and their outputs removed, the visible checks and their outputs shown.
    /// </summary>
    Learner,

    /// <summary>Every cell as the course notebook has it, solutions and hidden tests included.</summary>
    Teacher,
}
