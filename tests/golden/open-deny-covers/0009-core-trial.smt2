; linkproof solver query 9: core-trial
; answer: sat
; limits per check: time 10000 ms, resource unlimited
; 
(set-info :status unknown)
(declare-fun |action#exact| () Int)
(declare-fun |action#1| () Bool)
(declare-fun |action#0| () Bool)
(declare-fun |resource#exact| () Int)
(declare-fun |resource#1| () Bool)
(declare-fun |resource#2| () Bool)
(declare-fun |resource#0| () Bool)
(declare-fun principal () Int)
(declare-fun |goal#0| () Bool)
(declare-fun |present:acs:securetransport| () Bool)
(declare-fun |bool:acs:securetransport| () Bool)
(declare-fun |ok:acs:securetransport| () Bool)
(declare-fun |goal#1| () Bool)
(declare-fun |goal#2| () Bool)
(declare-fun |on#0| () Bool)
(declare-fun |on#1| () Bool)
(declare-fun |on#2| () Bool)
(assert
 (>= |action#exact| (- 1)))
(assert
 (let (($x31 (>= |action#exact| 1)))
 (not $x31)))
(assert
 (or |action#0| (not |action#1|)))
(assert
 (>= |resource#exact| (- 1)))
(assert
 (let (($x55 (>= |resource#exact| 0)))
 (not $x55)))
(assert
 |resource#1|)
(assert
 (let (($x72 (not |resource#2|)))
 (or |resource#0| $x72)))
(assert
 (>= principal 0))
(assert
 (let (($x80 (>= principal 1)))
 (not $x80)))
(assert
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x105 (not $x33)))
 (let (($x121 (not |goal#0|)))
 (or $x121 $x105)))))
(assert
 (let (($x121 (not |goal#0|)))
 (or $x121 |resource#2|)))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x112 (ite $x33 |action#1| $x35)))
 (let (($x119 (not $x112)))
 (let (($x108 (not |present:acs:securetransport|)))
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x77 (not $x58)))
 (let (($x9 (not |ok:acs:securetransport|)))
 (let (($x111 (or $x9 $x77 |bool:acs:securetransport| $x108 $x119)))
 (let (($x121 (not |goal#0|)))
 (or $x121 $x111))))))))))))
(assert
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x121 (not |goal#0|)))
 (or $x121 $x58))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x121 (not |goal#0|)))
 (or $x121 $x35))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x106 (not $x35)))
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x77 (not $x58)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x78 (or $x33 $x77 $x106)))
 (let (($x121 (not |goal#0|)))
 (or $x121 $x78)))))))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x109 (ite $x33 |action#0| $x35)))
 (let (($x121 (not |goal#0|)))
 (or $x121 $x109))))))
(assert
 (let (($x121 (not |goal#0|)))
 (or $x121 |resource#0|)))
(assert
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x105 (not $x33)))
 (let (($x122 (not |goal#1|)))
 (or $x122 $x105)))))
(assert
 (let (($x122 (not |goal#1|)))
 (or $x122 |resource#2|)))
(assert
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x122 (not |goal#1|)))
 (or $x122 $x58))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x106 (not $x35)))
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x77 (not $x58)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x78 (or $x33 $x77 $x106)))
 (let (($x107 (not $x78)))
 (let (($x112 (ite $x33 |action#1| $x35)))
 (let (($x119 (not $x112)))
 (let (($x108 (not |present:acs:securetransport|)))
 (let (($x9 (not |ok:acs:securetransport|)))
 (let (($x111 (or $x9 $x77 |bool:acs:securetransport| $x108 $x119)))
 (let (($x101 (not $x111)))
 (let (($x135 (or $x101 $x107)))
 (let (($x122 (not |goal#1|)))
 (or $x122 $x135)))))))))))))))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x122 (not |goal#1|)))
 (or $x122 $x35))))
(assert
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x105 (not $x33)))
 (let (($x160 (not |goal#2|)))
 (or $x160 $x105)))))
(assert
 (let (($x160 (not |goal#2|)))
 (or $x160 |resource#2|)))
(assert
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x160 (not |goal#2|)))
 (or $x160 $x58))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x112 (ite $x33 |action#1| $x35)))
 (let (($x119 (not $x112)))
 (let (($x108 (not |present:acs:securetransport|)))
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x77 (not $x58)))
 (let (($x9 (not |ok:acs:securetransport|)))
 (let (($x111 (or $x9 $x77 |bool:acs:securetransport| $x108 $x119)))
 (let (($x160 (not |goal#2|)))
 (or $x160 $x111))))))))))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x160 (not |goal#2|)))
 (or $x160 $x35))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x106 (not $x35)))
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x77 (not $x58)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x78 (or $x33 $x77 $x106)))
 (let (($x160 (not |goal#2|)))
 (or $x160 $x78)))))))))
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x109 (ite $x33 |action#0| $x35)))
 (let (($x147 (not $x109)))
 (let (($x116 (not |resource#0|)))
 (let (($x106 (not $x35)))
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x77 (not $x58)))
 (let (($x78 (or $x33 $x77 $x106)))
 (let (($x107 (not $x78)))
 (let (($x112 (ite $x33 |action#1| $x35)))
 (let (($x119 (not $x112)))
 (let (($x108 (not |present:acs:securetransport|)))
 (let (($x9 (not |ok:acs:securetransport|)))
 (let (($x111 (or $x9 $x77 |bool:acs:securetransport| $x108 $x119)))
 (let (($x101 (not $x111)))
 (let (($x175 (or $x77 $x101 $x107 $x116 $x147)))
 (let (($x160 (not |goal#2|)))
 (or $x160 $x175))))))))))))))))))))
(assert
 (= |action#exact| 0))
(assert
 (= |resource#exact| (- 1)))
(assert
 |resource#2|)
(assert
 (let (($x116 (not |resource#0|)))
 (let (($x157 (not |on#0|)))
 (or $x157 $x116))))
(assert
 (let (($x153 (not |on#1|)))
 (let (($x108 (not |present:acs:securetransport|)))
 (let (($x9 (not |ok:acs:securetransport|)))
 (or $x9 |bool:acs:securetransport| $x108 $x153)))))
(assert
 (not |on#2|))
(check-sat)
