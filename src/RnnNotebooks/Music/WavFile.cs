using System.Buffers.Binary;

namespace RnnNotebooks.Music;

/// <summary>
/// The WAV file format: a 44-byte RIFF header (format, rate, sample size) followed by the samples as
/// 16-bit little-endian integers. Every browser's &lt;audio&gt; element plays it.
/// </summary>
public static class WavFile
{
    /// <summary>Bytes of the header before the samples.</summary>
    public const int HeaderSize = 44;

    /// <summary>Encodes <paramref name="audio"/> as 16-bit PCM mono WAV.</summary>
    public static byte[] Encode(Audio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        int dataSize = audio.Samples.Count * 2;
        var bytes = new byte[HeaderSize + dataSize];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataSize);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);                  // size of the fmt chunk
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);                   // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);                   // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], audio.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], audio.SampleRate * 2); // bytes per second
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);                   // bytes per sample frame
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);                  // bits per sample
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataSize);
        for (int i = 0; i < audio.Samples.Count; i++)
        {
            double s = Math.Clamp(audio.Samples[i], -1, 1);
            BinaryPrimitives.WriteInt16LittleEndian(span[(HeaderSize + 2 * i)..], (short)Math.Round(s * short.MaxValue));
        }
        return bytes;
    }
}
