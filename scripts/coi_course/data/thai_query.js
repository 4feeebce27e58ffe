/* coi-thai-search: Thai query segmentation, appended to Material's search worker at build time by
 * coi_course.search.index (scripts/coi_course/search/index.py), which documents the design.
 *
 * Thai has no spaces between words, so each run of Thai in the query is cut into the fewest words
 * of the index's own vocabulary (no dictionary is downloaded). The index holds the smallest
 * dictionary words of the text (การ|บริหาร, not การบริหาร), so the query is cut into the same small
 * words. A run of several words becomes an AND query (+word +word): the section that contains the
 * typed text has them all. A last stretch that is no word but starts one (a word still being
 * typed) matches as a prefix. If no section has all the words, the words are searched for with OR, as Material does for
 * several English words. A run that is one word, or no known word at all, is left to Material.
 *
 * Forgiving spellings (issue 15): the synonyms of data/search_synonyms.yml (__coiSynonyms, set by
 * the build: ไอทีเอ -> ITA) replace what was typed, and a word that is not in the index but is
 * once dots and commas are dropped or put back (ปปช / ป.ป.ช., 3000 / 3,000) becomes the index's
 * word, so results open with the lessons' own words highlighted. */
function __coiThaiQuery(query, lunrIndex) {
  var index = lunrIndex.invertedIndex
  var variants = lunrIndex.__coiVariants /* bare spelling -> index term, e.g. ปปช -> ป.ป.ช. */
  if (!variants) {
    variants = lunrIndex.__coiVariants = Object.create(null)
    for (var t in index) {
      var b = bare(t)
      if (b && b !== t && !(b in variants))
        variants[b] = t
    }
  }
  function bare(word) { return word.replace(/[.,]/g, "") }
  /* the index's term for a word (itself, without dots and commas, or with them), or undefined */
  function known(word) {
    if (word in index) return word
    var b = bare(word)
    if (b && b in index) return b
    return variants[b]
  }

  query = query.toLowerCase()
  var synonyms = typeof __coiSynonyms === "undefined" ? {} : __coiSynonyms
  Object.keys(synonyms).sort(function (a, b) { return b.length - a.length }).forEach(function (s) {
    query = query.split(s).join(" " + synonyms[s] + " ")
  })
  query = query.replace(/[0-9][0-9.,]*[0-9]/g, function (number) {
    return known(number) || number
  })
  var RUN = /[\u0E01-\u0E3A\u0E40-\u0E5B]+(?:\.[\u0E01-\u0E3A\u0E40-\u0E5B]+)*\.?/g
  var NO_START = /[\u0E30-\u0E3A\u0E45\u0E47-\u0E4E]/ /* vowel signs and tone marks */
  var NO_END = /[\u0E40-\u0E44]/ /* leading vowels */

  /* [[word, known], ...]: fewest unknown letters first, then fewest words */
  function cut(text) {
    var n = text.length, best = [[0, 0, -1, false]]
    function relax(j, unknown, words, from, isWord) {
      var c = best[j]
      if (!c || unknown < c[0] || (unknown === c[0] && words < c[1]))
        best[j] = [unknown, words, from, isWord]
    }
    for (var i = 0; i < n; i++) {
      var b = best[i]
      if (!b) continue
      for (var j = i + 2; j <= n; j++) {
        if (j < n && (NO_START.test(text.charAt(j)) || NO_END.test(text.charAt(j - 1))))
          continue
        if (known(text.slice(i, j)) !== undefined)
          relax(j, b[0], b[1] + 1, i, true)
      }
      relax(i + 1, b[0] + 1, b[1] + 1, i, false)
    }
    var words = [], end = n
    while (end > 0) {
      var s = best[end], word = text.slice(s[2], end)
      if (!s[3] && words.length && !words[0][1])
        words[0][0] = word + words[0][0]
      else
        words.unshift([s[3] ? known(word) : word, s[3]])
      end = s[2]
    }
    return words
  }

  function startsWord(text) {
    for (var term in index)
      if (term.lastIndexOf(text, 0) === 0)
        return true
    return false
  }

  /* Material makes quoted words required itself */
  var quoted = query.indexOf("\"") >= 0, required = []
  __coiPhrases = []
  var strict = query.replace(RUN, function (run) {
    var words = cut(run)
    if (words.length > 1)
      __coiPhrases.push(words.map(function (w) { return w[0] }))
    if (words.length < 2)
      return words.length && words[0][1] ? words[0][0] : run
    return words.map(function (w, k) {
      var term = w[0]
      if (!w[1] && k === words.length - 1 && startsWord(term))
        term += "*"
      required.push(term)
      return quoted ? term : "+" + term
    }).join(" ")
  })
  if (quoted || !required.length || lunrIndex.query(function (q) {
    required.forEach(function (term) {
      var prefix = /\*$/.test(term)
      q.term(prefix ? term.slice(0, -1) : term, {
        presence: lunr.Query.presence.REQUIRED,
        wildcard: prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
      })
    })
  }).length)
    return strict
  return query.replace(RUN, function (run) {
    return cut(run).map(function (w) { return w[0] }).join(" ")
  })
}

/* The Thai runs of the last query, as their words in order (set by __coiThaiQuery). */
var __coiPhrases = []
var PHRASE_BOOST = 4

/* Ranking (issue 16): a query run is cut into small words (ผล|ประโยชน์), which many sections hold
 * apart. A section that holds them next to each other, in the order typed, holds the typed text:
 * its score is multiplied by PHRASE_BOOST for each such run. Called by Material's worker (patched)
 * with lunr's match data, where Material's tokenizer gives each word of a block of text the
 * position block << 20 | index of the word in the block, so the next word is at position + 1. */
function __coiPhraseBoost(metadata) {
  var factor = 1
  __coiPhrases.forEach(function (words) {
    var fields = ["title", "text"]
    for (var f = 0; f < fields.length; f++) {
      var field = fields[f]
      var next = positions(words[0], field).map(function (p) { return p + 1 })
      for (var k = 1; k < words.length && next.length; k++)
        next = positions(words[k], field)
          .filter(function (p) { return next.indexOf(p) >= 0 })
          .map(function (p) { return p + 1 })
      if (next.length) {
        factor *= PHRASE_BOOST
        return
      }
    }
  })
  return factor

  function positions(word, field) {
    var found = []
    Object.keys(metadata).forEach(function (term) {
      var prefix = word.charAt(word.length - 1) === "*"
      var stem = prefix ? word.slice(0, -1) : word
      if (term === stem || (prefix && term.lastIndexOf(stem, 0) === 0)) {
        var data = metadata[term][field]
        if (data && data.position) found.push.apply(found, data.position)
      }
    })
    return found
  }
}

/* Short results (issue 16): a result shows the passages of its section that match, and for a common
 * word that was the whole of a long section (62,000 characters for the first ten pages of ของขวัญ),
 * which a phone took about half a second to show at every keystroke. Each result now keeps about
 * __COI_RESULT_TEXT characters of text, cut between words (never inside a tag, an entity or a
 * highlighted word) and ended with "…". The title, the score and the highlighting are unchanged. */
var __COI_RESULT_TEXT = 280
function __coiShortResults(groups) {
  for (var g = 0; g < groups.length; g++)
    for (var d = 0; d < groups[g].length; d++) {
      var doc = groups[g][d]
      if (typeof doc.text === "string" && doc.text.length > __COI_RESULT_TEXT)
        doc.text = __coiCutText(doc.text, __COI_RESULT_TEXT)
    }
  return groups
}
function __coiCutText(html, limit) {
  var seen = 0, i = 0, n = html.length
  while (i < n && seen < limit) {
    var ch = html.charAt(i)
    if (ch === "<") {
      var close = html.indexOf(">", i)
      i = close < 0 ? n : close + 1
      continue
    }
    if (ch === "&") {
      var semi = html.indexOf(";", i)
      if (semi > i && semi - i <= 10) { i = semi + 1; seen++; continue }
    }
    if (ch !== "\u200b") seen++
    i++
  }
  /* then on to the end of the word (a space or U+200B, within 30 characters) */
  for (var k = 0; k < 30 && i < n && !/[\s\u200b<&]/.test(html.charAt(i)); k++) i++
  if (i >= n) return html
  /* never inside a highlighted word */
  var open = html.lastIndexOf("<mark>", i), shut = html.lastIndexOf("</mark>", i)
  if (open > shut) {
    var end = html.indexOf("</mark>", i)
    i = end < 0 ? n : end + 7
  }
  return i >= n ? html : html.slice(0, i) + "\u2026"
}

/* The index, parsed by the worker (issue 16), so that the page's main thread neither parses it nor
 * copies it into the worker: the page sends the index's config with the index as bytes it fetched
 * (docs is then an ArrayBuffer, see data/search_intent.js), or with its address (docs is then a
 * string) and the worker fetches it. A setup message with the documents themselves (the tests send
 * one) is used as it is. */
function __coiIndexData(data) {
  var docs = data && data.docs, index
  if (docs instanceof ArrayBuffer)
    index = new Promise(function (resolve) { resolve(JSON.parse(new TextDecoder().decode(docs))) })
  else if (typeof docs === "string")
    index = fetch(docs, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("search index: HTTP " + response.status)
      return response.json()
    })
  else
    return Promise.resolve(data)
  return index.then(function (index) {
    return { config: data.config, docs: index.docs, options: data.options }
  })
}
