; linkproof solver query 2: core
; answer: unsat
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
(declare-fun |on#2| () Bool)
(declare-fun |on#1| () Bool)
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
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x77 (not $x58)))
 (let (($x111 (or (not |ok:acs:securetransport|) $x77 |bool:acs:securetransport| (not |present:acs:securetransport|) (not (ite (= |action#exact| (- 1)) |action#1| (= |action#exact| 0))))))
 (let (($x121 (not |goal#0|)))
 (or $x121 $x111))))))
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
 (not $x33)))
(assert
 (= |action#exact| 0))
(assert
 (= |resource#exact| (- 1)))
(assert
 |resource#2|)
(assert
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (ite $x33 |action#0| $x35))))
(assert
 |resource#0|)
(assert
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x105 (not $x33)))
 (let (($x107 (and |on#2| $x105 $x35 $x58)))
 (not $x107)))))))
(assert
 (let (($x118 (not |bool:acs:securetransport|)))
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x112 (ite $x33 |action#1| $x35)))
 (let (($x122 (and |on#1| $x112 $x58 |present:acs:securetransport| |ok:acs:securetransport| $x118)))
 (not $x122))))))))
(check-sat-assuming (|on#1| |on#2|))
