; linkproof solver query 1: find-request
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
(declare-fun |bool:acs:securetransport| () Bool)
(declare-fun |ok:acs:securetransport| () Bool)
(declare-fun |present:acs:securetransport| () Bool)
(declare-fun |goal#0| () Bool)
(assert
 (>= |action#exact| (- 1)))
(assert
 (not (>= |action#exact| 1)))
(assert
 (or |action#0| (not |action#1|)))
(assert
 (>= |resource#exact| (- 1)))
(assert
 (not (>= |resource#exact| 0)))
(assert
 |resource#1|)
(assert
 (or |resource#0| (not |resource#2|)))
(assert
 (>= principal 0))
(assert
 (not (>= principal 1)))
(assert
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x105 (not $x33)))
 (let (($x116 (and $x105 $x35 $x58 |resource#1|)))
 (let (($x112 (ite $x33 |action#1| $x35)))
 (let (($x115 (and $x112 $x58 |resource#1| |present:acs:securetransport| |ok:acs:securetransport| (not |bool:acs:securetransport|))))
 (let (($x118 (not (or $x115 $x116))))
 (let (($x109 (ite $x33 |action#0| $x35)))
 (let (($x120 (and $x105 $x35 $x58 |resource#2| $x109 |resource#0| $x118)))
 (or (not |goal#0|) $x120))))))))))))
(check-sat-assuming (|goal#0|))
