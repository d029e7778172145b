package dev.strata.tokenizer.hf.model;

import dev.strata.tokenizer.ids.IdBuffer;

/**
 * BERT's WordPiece: greedy longest-match-first from the left, continuation pieces carry a prefix ("##"); a word
 * with an unmatchable rest, or longer than {@code maxInputCharsPerWord}, becomes a single unk.
 */
public final class WordPieceModel implements TokenModel {
    private final Vocabulary vocab;
    private final int unkId;
    private final String prefix;
    private final int maxInputCharsPerWord;

    public WordPieceModel(Vocabulary vocab, int unkId, String prefix, int maxInputCharsPerWord) {
        this.vocab = vocab;
        this.unkId = unkId;
        this.prefix = prefix;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
    }

    public String prefix() {
        return prefix;
    }

    @Override
    public void tokenize(String word, IdBuffer out) {
        if (word.codePointCount(0, word.length()) > maxInputCharsPerWord) {
            out.add(unkId);
            return;
        }
        int mark = out.size();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            int found = -1;
            while (start < end) {
                String sub = word.substring(start, end);
                int id = vocab.id(start > 0 ? prefix + sub : sub);
                if (id >= 0) {
                    found = id;
                    break;
                }
                end -= Character.charCount(word.codePointBefore(end));
            }
            if (found < 0) {
                out.setSize(mark);
                out.add(unkId);
                return;
            }
            out.add(found);
            start = end;
        }
    }

    @Override
    public int tokenToId(String token) {
        return vocab.id(token);
    }

    @Override
    public String idToToken(int id) {
        return vocab.token(id);
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }
}
