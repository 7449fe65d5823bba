/** Four tones, the same everywhere, so a colour always means the same thing (and is never the only signal). */
export type Tone = 'linked' | 'pending' | 'error' | 'neutral';
