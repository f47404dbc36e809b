using System.Text.Json;
using Microsoft.Playwright;

namespace MailCheck.EndToEnd.Pages;

/// <summary>
/// What a reader of the result page actually gets on their screen, measured in the browser (a bUnit test cannot see
/// layout): horizontal overflow, a scroll box inside the scrolling page, cut-off labels, a share link whose id is
/// broken across lines, a "?" marker alone on a line, and whether the transcript box shows its end.
/// </summary>
/// <param name="ViewportWidth">The window's width in CSS pixels.</param>
/// <param name="PageWidth">The document's scroll width: more than the viewport means the page scrolls sideways.</param>
/// <param name="TranscriptScrolls">True when the transcript is a scroll box (its content taller than its box).</param>
/// <param name="TranscriptAtEnd">True when the transcript box shows its last line (scrolled to the end, or not scrolling).</param>
/// <param name="LastLineVisibleInBox">True when the last transcript line lies inside the box's visible area.</param>
/// <param name="CutLabels">Timing labels whose text does not fit their box (shown with an ellipsis or clipped).</param>
/// <param name="ShareIdLines">
/// On how many lines the check id of the share link is drawn (1 when whole), the most found at the share line's width
/// and at narrower ones (so the test does not depend on where this particular URL happens to wrap).
/// </param>
/// <param name="LoneMarkers">Texts of replies whose "?" marker sits on a line of its own, at the transcript's width or a narrower one.</param>
public sealed record LayoutFacts(
    int ViewportWidth,
    int PageWidth,
    bool TranscriptScrolls,
    bool TranscriptAtEnd,
    bool LastLineVisibleInBox,
    IReadOnlyList<string> CutLabels,
    int ShareIdLines,
    IReadOnlyList<string> LoneMarkers)
{
    private const string Script = """
        ([checkId, sel]) => {
          const box = document.querySelector(sel.transcript);
          const lines = box.querySelectorAll(sel.line);
          const last = lines[lines.length - 1];
          const boxRect = box.getBoundingClientRect();
          const lastRect = last.getBoundingClientRect();
          const scrolls = box.scrollHeight > box.clientHeight + 1;

          const cut = [...document.querySelectorAll(sel.stepLabel)]
            .filter(e => e.scrollWidth > e.clientWidth + 1)
            .map(e => e.textContent);

          // Whatever width the screen gives, a wrap must never fall inside the id nor leave a "?" alone: so each is
          // measured at the width it has and at narrower ones (down to 55 %), not only where this text happens to wrap.
          const sweep = (element, measure) => {
            const original = element.style.width;
            const start = element.getBoundingClientRect().width;
            const results = [];
            for (let width = Math.floor(start); width >= Math.max(160, start * 0.55); width -= 6) {
              element.style.width = width + "px";
              results.push(measure());
            }
            element.style.width = original;
            return results;
          };

          // The id inside the share line's text, however the markup splits it: how many line boxes does it take?
          const share = document.querySelector(sel.share);
          const idLines = () => {
            const walker = document.createTreeWalker(share, NodeFilter.SHOW_TEXT);
            const nodes = [];
            let text = "";
            for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data; }
            const start = text.lastIndexOf(checkId);
            if (start < 0) { return 0; }
            const at = pos => { for (let i = nodes.length - 1; i >= 0; i--) { if (nodes[i][1] <= pos) { return [nodes[i][0], pos - nodes[i][1]]; } } };
            const [startNode, startOffset] = at(start);
            const [endNode, endOffset] = at(start + checkId.length - 1);
            const range = document.createRange();
            range.setStart(startNode, startOffset);
            range.setEnd(endNode, endOffset + 1);
            return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
          };
          const shareIdLines = Math.max(...sweep(share, idLines));

          // A "?" is alone when no line of its reply's text (or duration) shares its height.
          const loneMarkers = () => [...box.querySelectorAll(sel.marker)].filter(m => {
            const r = m.getBoundingClientRect();
            const middle = (r.top + r.bottom) / 2;
            const summary = m.closest("summary");
            const rects = [...summary.querySelectorAll(sel.lineText + ", " + sel.duration)].flatMap(t => [...t.getClientRects()]);
            return !rects.some(t => t.top <= middle && middle <= t.bottom);
          }).map(m => m.closest("summary").querySelector(sel.lineText).textContent);
          const lone = [...new Set(sweep(box, loneMarkers).flat())];

          return {
            ViewportWidth: window.innerWidth,
            PageWidth: document.documentElement.scrollWidth,
            TranscriptScrolls: scrolls,
            TranscriptAtEnd: !scrolls || box.scrollTop + box.clientHeight >= box.scrollHeight - 2,
            LastLineVisibleInBox: lastRect.top >= boxRect.top - 1 && lastRect.bottom <= boxRect.bottom + 1,
            CutLabels: cut,
            ShareIdLines: shareIdLines,
            LoneMarkers: lone,
          };
        }
        """;

    /// <summary>Measures the result page as shown now.</summary>
    public static async Task<LayoutFacts> MeasureAsync(IPage page, string checkId)
    {
        ArgumentNullException.ThrowIfNull(page);
        var selectors = new Dictionary<string, string>
        {
            ["transcript"] = Selectors.Transcript,
            ["line"] = "[data-seq]",
            ["lineText"] = Selectors.LineText,
            ["duration"] = Selectors.LineDuration,
            ["stepLabel"] = Selectors.StepLabel,
            ["share"] = Selectors.Share,
            ["marker"] = Selectors.ReplyMarker,
        };
        var facts = await page.EvaluateAsync<JsonElement>(Script, new object[] { checkId, selectors });
        return facts.Deserialize<LayoutFacts>() ?? throw new InvalidOperationException("The layout could not be measured.");
    }
}
