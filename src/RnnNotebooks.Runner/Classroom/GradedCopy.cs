using System.Text.Json.Nodes;
using RnnNotebooks.Runner.Execution;

namespace RnnNotebooks.Runner.Classroom;

/// <summary>
/// The notebook that is run to grade a submission (README, "Classroom"): the student's notebook with every
/// checks cell replaced by the teacher's, hidden tests included, matched by cell id, and inserted
/// after the exercise cell where the student deleted it. So hidden tests are back and visible checks
/// cannot be edited away. The student's file is only read.
/// </summary>
public static class GradedCopy
{
    /// <summary>The graded copy of <paramref name="submission"/>, to be saved at <paramref name="path"/>.</summary>
    public static NotebookDocument Create(NotebookDocument submission, ExerciseSheet course, string path)
    {
        var root = submission.CopyJson();
        var cells = (JsonArray)root["cells"]!;
        foreach (var exercise in course.Exercises)
        {
            var teacherChecks = course.Notebook.Cells.Single(c => (string?)c["id"] == exercise.ChecksCellId);
            var replacement = (JsonObject)teacherChecks.DeepClone();
            NotebookDocument.SetOutputs(replacement, null, []);

            int at = IndexOf(cells, exercise.ChecksCellId);
            if (at >= 0)
            {
                cells[at] = replacement;
                // A copy of the checks cell elsewhere would run the checks twice: only one stays.
                for (int extra; (extra = IndexOf(cells, exercise.ChecksCellId, from: at + 1)) >= 0;) cells.RemoveAt(extra);
            }
            else if (IndexOf(cells, exercise.CellId) is var exerciseAt and >= 0)
                cells.Insert(exerciseAt + 1, replacement);
            // With the exercise cell deleted too there is nothing to check: the exercise scores 0.
        }
        return NotebookDocument.FromJson(path, root);
    }

    static int IndexOf(JsonArray cells, string id, int from = 0)
    {
        for (int i = from; i < cells.Count; i++)
            if (cells[i] is JsonObject cell && (string?)cell["id"] == id) return i;
        return -1;
    }
}
